package io.dataops.sit.runner.engine;

import io.dataops.sit.runner.steps.StepTexts;
import java.util.Locale;

/** Finds the documented step closest to an unknown one (Levenshtein distance over the step templates). */
public final class StepSuggester {

    private StepSuggester() {
    }

    public static String closest(String stepText) {
        String text = stepText.strip().toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (StepTexts.Step step : StepTexts.ALL) {
            String template = step.template().toLowerCase(Locale.ROOT);
            // Compare against the template cut to the user's length as well, so long arguments do not dominate.
            int d = Math.min(distance(text, template), distance(text, template.substring(0, Math.min(template.length(), text.length())))
                    + Math.abs(template.length() - text.length()) / 4);
            if (d < bestDistance) {
                bestDistance = d;
                best = step.template();
            }
        }
        return best;
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
