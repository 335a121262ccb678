package io.dataops.sit.runner.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.And;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/steps.md and the step classes describe the same vocabulary, so the page cannot drift. */
class StepsDocumentationTest {

    static final List<Class<?>> STEP_CLASSES = List.of(
            DataSteps.class,
            KafkaSteps.class,
            JobSteps.class,
            ThresholdSteps.class,
            ContractSteps.class,
            FlowSteps.class,
            HttpSteps.class,
            SqlSteps.class,
            FaultSteps.class);

    static Set<String> boundPatterns() {
        Set<String> patterns = new HashSet<>();
        for (Class<?> type : STEP_CLASSES) {
            for (Method method : type.getDeclaredMethods()) {
                for (Annotation a : method.getAnnotations()) {
                    if (a instanceof Given g) {
                        patterns.add(g.value());
                    } else if (a instanceof When w) {
                        patterns.add(w.value());
                    } else if (a instanceof Then t) {
                        patterns.add(t.value());
                    } else if (a instanceof And n) {
                        patterns.add(n.value());
                    }
                }
            }
        }
        return patterns;
    }

    static Set<String> documentedPatterns() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "steps.md"));
        Set<String> patterns = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^`(\\^.*\\$)`$").matcher(page);
        while (m.find()) {
            patterns.add(m.group(1));
        }
        return patterns;
    }

    @Test
    void everyBoundStepIsDocumentedAndViceVersa() throws Exception {
        Set<String> bound = boundPatterns();
        assertThat(bound).hasSizeGreaterThanOrEqualTo(15);
        assertThat(documentedPatterns()).containsExactlyInAnyOrderElementsOf(bound);
    }

    @Test
    void everyBoundStepHasASuggestionTemplate() {
        assertThat(StepTexts.ALL.stream().map(StepTexts.Step::pattern))
                .containsExactlyInAnyOrderElementsOf(boundPatterns());
    }

    @Test
    void documentedExamplesMatchTheirPatterns() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "steps.md"));
        Matcher block = Pattern.compile("```gherkin\\n(.*?)```", Pattern.DOTALL).matcher(page);
        int examples = 0;
        while (block.find()) {
            boolean inDocString = false;
            for (String line : block.group(1).split("\\n")) {
                String text = line.strip().replaceFirst("^(Given|When|Then|And|But) ", "");
                if (text.equals("\"\"\"")) {
                    inDocString = !inDocString;
                    continue;
                }
                if (text.isEmpty() || inDocString || text.startsWith("|")) {
                    continue; // step arguments, not steps
                }
                examples++;
                long matching = boundPatterns().stream()
                        .filter(p -> Pattern.compile(p).matcher(text).matches())
                        .count();
                assertThat(matching).as("patterns matching example '%s'", text).isEqualTo(1);
            }
        }
        assertThat(examples).isGreaterThanOrEqualTo(15);
    }
}
