package io.dataops.sit.kubectl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * kubectl sit completion bash: completion for kubectl-sit typed directly. Through kubectl (≥ 1.26) nothing is
 * needed: kubectl calls kubectl_complete-sit, which ./sit kubectl-plugin installs.
 */
@Command(
        name = "completion",
        header = "Print a bash completion script for kubectl-sit.",
        description = {
            "Print a bash completion script for kubectl-sit (source <(kubectl-sit completion bash)). "
                    + "\"kubectl sit <TAB>\" needs none: kubectl ≥ 1.26 asks kubectl_complete-sit."
        })
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash")
    String shell;

    // Asks kubectl-sit __complete (cobra's protocol) and honours its directive: 16 directories, 0 files, 4 none.
    private static final String BASH = """
            _kubectl_sit() {
                local cur="${COMP_WORDS[COMP_CWORD]}" out directive
                out=$(kubectl-sit __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return
                directive="${out##*:}"
                out="$(printf '%s\\n' "$out" | sed '$d')"
                if [ "$directive" = 16 ]; then
                    COMPREPLY=($(compgen -d -- "$cur"))
                elif [ -z "$out" ] && [ "$directive" = 0 ]; then
                    COMPREPLY=($(compgen -f -- "$cur"))
                else
                    local IFS=$'\\n'
                    COMPREPLY=($(compgen -W "$out" -- "$cur"))
                fi
            }
            complete -o filenames -F _kubectl_sit kubectl-sit
            """;

    @Override
    public Integer call() {
        if (!"bash".equals(shell)) {
            throw new UserError(
                    "only bash completion is generated here; kubectl ≥ 1.26 completes \"kubectl sit\" in any shell kubectl supports");
        }
        spec.commandLine().getOut().print(BASH);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
