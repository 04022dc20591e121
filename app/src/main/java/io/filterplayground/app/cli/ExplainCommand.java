package io.filterplayground.app.cli;

import io.filterplayground.engine.abi.explain.Explanation;
import io.filterplayground.engine.abi.explain.Explanations;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code explain [NAME...]}: what a callback, hostcall, status or action is, when Envoy calls it,
 * what its result means and the common mistake; with no name, every name that has an explanation.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description =
                "Explain a Proxy-Wasm callback, hostcall, status or action by name (e.g."
                        + " proxy_on_request_headers, proxy_http_call, NotFound, Pause); with no"
                        + " name, list the names.")
public final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Names as traces show them.")
    List<String> names = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Explanations all = Explanations.standard();
        if (names.isEmpty()) {
            for (Explanation.Kind kind : Explanation.Kind.values()) {
                out.printf("%s:%n", kind.displayName());
                all.all().stream()
                        .filter(e -> e.kind() == kind)
                        .forEach(e -> out.printf("  %-40s %s%n", e.name(), firstSentence(e)));
            }
            out.flush();
            return Exit.OK;
        }
        for (String name : names) {
            Optional<Explanation> e = all.find(name.strip());
            if (e.isEmpty()) {
                err.println(
                        "filter-playground: explain: no explanation for '"
                                + name
                                + "' (explain with no name lists them)");
                err.flush();
                return Exit.BAD_INPUT;
            }
        }
        names.forEach(n -> Glossary.print(out, all.find(n.strip()).orElseThrow()));
        out.flush();
        return Exit.OK;
    }

    private static String firstSentence(Explanation e) {
        String w = e.what();
        int dot = w.indexOf(". ");
        return dot < 0 ? w : w.substring(0, dot + 1);
    }
}
