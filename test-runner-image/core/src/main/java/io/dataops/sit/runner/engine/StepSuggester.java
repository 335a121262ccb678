package io.dataops.sit.runner.engine;

import io.dataops.sit.runner.steps.StepTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Finds the documented step closest to an unknown one (Levenshtein distance over the step templates). */
public final class StepSuggester {

    private StepSuggester() {}

    public static String closest(String stepText) {
        return closest(stepText, List.of());
    }

    /** @param userTemplates templates of the run's user steps ({@link #template}), weighed like the built-in ones */
    public static String closest(String stepText, List<String> userTemplates) {
        String[] words = words(stepText);
        String best = null;
        double bestScore = Double.MAX_VALUE;
        List<String> templates = new ArrayList<>();
        StepTexts.ALL.forEach(step -> templates.add(step.template()));
        templates.addAll(userTemplates);
        for (String template : templates) {
            double score = wordDistance(words, words(template));
            if (score < bestScore) {
                bestScore = score;
                best = template;
            }
        }
        return best;
    }

    private static final Pattern GROUP = Pattern.compile("\\((?:[^()\\\\]|\\\\.)*\\)[?*+]?");

    /**
     * A readable template of a user step's pattern, as the built-in steps have in StepTexts: anchors dropped, each
     * group a {@code <value>} placeholder, escapes undone ({@code ^(\\d+) orders? sent$} -> {@code <value> orders? sent}).
     * A Cucumber expression ({@code {int} orders sent}) gets its parameters as placeholders.
     */
    static String template(String pattern) {
        String t = pattern.replaceFirst("^\\^", "").replaceFirst("\\$$", "");
        t = GROUP.matcher(t).replaceAll("<value>");
        t = t.replaceAll("\\{[^}]*}", "<value>");
        return t.replaceAll("\\\\(.)", "$1");
    }

    private static String[] words(String text) {
        return text.strip().toLowerCase(Locale.ROOT).split("\\s+");
    }

    /**
     * Edit distance over words: a placeholder such as {@code <topic>} matches any one word for free, a
     * misspelt word costs its relative character distance, and template words missing at the end cost
     * little (people often write a step's start correctly and forget the rest).
     */
    static double wordDistance(String[] user, String[] template) {
        int n = user.length;
        int m = template.length;
        double[][] d = new double[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 1; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                String t = template[j - 1];
                String u = user[i - 1];
                double substitute = t.startsWith("<") && t.endsWith(">")
                        ? 0
                        : (double) distance(u, t) / Math.max(u.length(), t.length());
                double skipTemplateWord = i == n ? 0.3 : 1;
                d[i][j] = Math.min(
                        d[i - 1][j - 1] + substitute, Math.min(d[i - 1][j] + 1, d[i][j - 1] + skipTemplateWord));
            }
        }
        return d[n][m];
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
