package io.dataops.sit.kubectl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code kubectl sit __complete WORD...}: cobra's completion protocol, which kubectl (≥ 1.26) speaks with plugins
 * through {@code kubectl_complete-sit}. The words are those after "sit", the last one being completed (maybe "");
 * the answer is one candidate per line, then ":" and a directive.
 */
final class Completer {

    static final String COMMAND = "__complete";
    // cobra's ShellCompDirective values.
    static final int FILES = 0;
    static final int NO_FILES = 4;
    static final int DIRECTORIES = 16;

    static final List<String> COMPONENTS = List.of("runner", "seed", "broker", "database", "system");

    private final CommandLine root;

    Completer(CommandLine root) {
        this.root = root;
    }

    /** The completions of the last word, with the directive as the last element (":4"). */
    List<String> complete(List<String> words) {
        String current = words.isEmpty() ? "" : words.get(words.size() - 1);
        List<String> before = words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
        String namespace = null, context = null, kubeconfig = null, pending = null;
        CommandSpec command = root.getCommandSpec();
        String subcommand = null;
        List<String> positionals = new ArrayList<>();
        for (String word : before) {
            if (pending != null) {
                switch (pending) {
                    case "-n", "--namespace" -> namespace = word;
                    case "--context" -> context = word;
                    case "--kubeconfig" -> kubeconfig = word;
                    default -> {}
                }
                pending = null;
            } else if (word.startsWith("--") && word.contains("=")) {
                String flag = word.substring(0, word.indexOf('='));
                String value = word.substring(word.indexOf('=') + 1);
                switch (flag) {
                    case "--namespace" -> namespace = value;
                    case "--context" -> context = value;
                    case "--kubeconfig" -> kubeconfig = value;
                    default -> {}
                }
            } else if (word.startsWith("-") && word.length() > 1) {
                OptionSpec option = command.findOption(word);
                if (option != null && option.arity().min() > 0) {
                    pending = word;
                }
            } else if (subcommand == null && root.getSubcommands().containsKey(word)) {
                subcommand = word;
                command = root.getSubcommands().get(word).getCommandSpec();
            } else {
                positionals.add(word);
            }
        }
        String ns = namespace, ctx = context, config = kubeconfig;
        if (pending != null) {
            return switch (pending) {
                case "-n", "--namespace" -> answer(current, () -> Cluster.namespaces(config, ctx), NO_FILES);
                case "--context" -> answer(current, () -> Cluster.contexts(config), NO_FILES);
                case "-o", "--output" -> List.of(":" + DIRECTORIES);
                default -> List.of(":" + FILES);
            };
        }
        if (current.startsWith("-")) {
            CommandSpec spec = command;
            return answer(
                    current,
                    () -> spec.options().stream()
                            .filter(o -> !o.hidden())
                            .flatMap(o -> Arrays.stream(o.names()))
                            .toList(),
                    NO_FILES);
        }
        if (subcommand == null) {
            return answer(
                    current,
                    () -> root.getSubcommands().entrySet().stream()
                            .filter(e -> !e.getValue()
                                    .getCommandSpec()
                                    .usageMessage()
                                    .hidden())
                            .map(e -> e.getKey())
                            .toList(),
                    NO_FILES);
        }
        int index = positionals.size();
        return switch (subcommand) {
            case "report", "evidence", "rerun" ->
                index == 0
                        ? answer(current, () -> Cluster.sitRunNames(config, ctx, ns), NO_FILES)
                        : List.of(":" + NO_FILES);
            case "logs" ->
                index == 0
                        ? answer(current, () -> Cluster.sitRunNames(config, ctx, ns), NO_FILES)
                        : index == 1
                                ? answer(
                                        current,
                                        () -> Cluster.components(config, ctx, ns, positionals.get(0)),
                                        NO_FILES)
                                : List.of(":" + NO_FILES);
            case "completion" ->
                index == 0 ? answer(current, () -> List.of("bash"), NO_FILES) : List.of(":" + NO_FILES);
            default -> List.of(":" + NO_FILES);
        };
    }

    /** Candidates starting with the word being completed, sorted; the cluster being unreachable gives none. */
    private static List<String> answer(String current, Supplier<List<String>> candidates, int directive) {
        Set<String> matching = new TreeSet<>();
        try {
            candidates.get().stream().filter(c -> c.startsWith(current)).forEach(matching::add);
        } catch (RuntimeException e) {
            // Completion never prints errors into the user's command line.
        }
        List<String> lines = new ArrayList<>(matching);
        lines.add(":" + directive);
        return lines;
    }

    static int run(CommandLine root, List<String> words, PrintWriter out) {
        new Completer(root).complete(words).forEach(out::println);
        out.flush();
        return 0;
    }
}
