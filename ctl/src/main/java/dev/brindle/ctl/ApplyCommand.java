package dev.brindle.ctl;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.json.ManifestReader;
import dev.brindle.datastore.resource.Resource;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code apply -f FILE|-}: creates each document's object, or replaces it when it exists. */
@Command(
        name = "apply",
        description = "Create or update resources from a YAML or JSON file (brindle documents, or Calico IPPools of"
                + " projectcalico.org/v3 or crd.projectcalico.org/v1).",
        footer = {"", "Examples:", "  brindlectl apply -f pool.yaml", "  cat pool.yaml | brindlectl apply -f -"})
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-f", "--filename"},
            required = true,
            paramLabel = "FILE",
            description = "A file, or - for stdin.")
    String file;

    @Override
    public Integer call() throws Exception {
        List<Resource> docs = file.equals("-")
                ? ManifestReader.read(new String(System.in.readAllBytes(), StandardCharsets.UTF_8), "<stdin>")
                : ManifestReader.read(Path.of(file));
        PrintWriter out = spec.commandLine().getOut();
        try (Datastore ds = root.open()) {
            for (Resource r : docs) {
                String verb = apply(ds, r);
                out.println(r.kind().name() + " " + r.name() + " " + verb);
            }
        }
        out.flush();
        return Main.OK;
    }

    private static String apply(Datastore ds, Resource r) {
        boolean existed = ds.get(r.kind(), r.name()).isPresent();
        ds.apply(r);
        return existed ? "configured" : "created";
    }
}
