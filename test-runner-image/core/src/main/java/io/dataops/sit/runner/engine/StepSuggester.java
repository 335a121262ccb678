package io.dataops.sit.runner.engine;

import io.dataops.sit.runner.steps.StepTexts;
import java.util.Locale;

/** Finds the documented step closest to an unknown one (Levenshtein distance over the step templates). */
public final class StepSuggester {

    private StepSuggester() {}

    public static String closest(String stepText) {
        String[] words = words(stepText);
        String best = null;
        double bestScore = Double.MAX_VALUE;
        for (StepTexts.Step step : StepTexts.ALL) {
            double score = wordDistance(words, words(step.template()));
            if (score < bestScore) {
                bestScore = score;
                best = step.template();
            }
        }
        return best;
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
