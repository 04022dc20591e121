package io.filterplayground.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.filterplayground.engine.error.ModuleLoadException;
import io.filterplayground.engine.report.Json;
import io.filterplayground.engine.scenario.ModuleSource;
import io.filterplayground.engine.scenario.source.OciModules;
import io.filterplayground.engine.scenario.source.RemoteModules;
import io.filterplayground.engine.util.BoundedFiles;
import io.filterplayground.engine.wasm.ModuleCache;
import io.filterplayground.engine.wasm.ModuleInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inspect MODULE.wasm}: what the module can be (HTTP filter, network filter, access logger,
 * service), ABI version, imports, exports, conventions, warnings.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Describe a .wasm module: what it can be (HTTP filter, network filter, access"
                        + " logger, service), ABI, imports, exports, conventions.")
public final class InspectCommand extends HeadlessCommand {
    @Parameters(
            paramLabel = "MODULE",
            description = "A .wasm file, sample:NAME, an http(s):// URL or an oci:// image.")
    String module;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        byte[] bytes;
        String name;
        if (module.startsWith("sample:")) {
            bytes = Inputs.SAMPLES.read(module.substring("sample:".length()));
            name = module;
        } else if (ModuleSource.isOci(module)) {
            try {
                bytes = OciModules.fetch(module);
            } catch (IOException e) {
                throw new ModuleLoadException(module + ": cannot pull it: " + e.getMessage());
            }
            name = module;
        } else if (ModuleSource.isRemote(module)) {
            // What a scenario's wasm: URL needs beside it: the sha256 printed below.
            try {
                bytes = RemoteModules.fetch(module, null);
            } catch (IOException e) {
                throw new ModuleLoadException(module + ": cannot fetch it: " + e.getMessage());
            }
            name = module;
        } else {
            Path p = Path.of(module);
            try {
                bytes = BoundedFiles.read(p, BoundedFiles.MAX_MODULE_BYTES);
            } catch (NoSuchFileException e) {
                throw new ModuleLoadException(module + ": no such file");
            } catch (IOException e) {
                throw new ModuleLoadException(
                        module + ": cannot read the file (" + e.getMessage() + ")");
            }
            name = p.getFileName().toString();
        }
        ModuleInfo info = ModuleCache.inspect(name, bytes);
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(toJson(info)));
        } else {
            print(out, info);
        }
        return Exit.OK;
    }

    static void print(PrintWriter out, ModuleInfo i) {
        out.printf("%s  %,d bytes  sha256 %s%n", i.name(), i.sizeBytes(), i.sha256());
        out.printf("  kind               %s%n", i.kindSummary());
        out.printf("  ABI version        %s%n", i.abiVersion());
        out.printf("  allocator          %s%n", i.allocator() == null ? "none" : i.allocator());
        out.printf("  start function     %s%n", i.startFunction());
        out.printf("  headers callbacks  %s%n", i.headersCallbackArity());
        out.printf(
                "  memory             %d page(s)%s%n",
                i.initialMemoryPages(),
                i.maximumMemoryPages() == null
                        ? ", no maximum"
                        : ", at most " + i.maximumMemoryPages());
        out.printf("%nImports (%d)%n", i.imports().size());
        for (ModuleInfo.Import imp : i.imports()) {
            out.printf(
                    "  %-48s %-36s %s%n",
                    imp.module() + "." + imp.name(), imp.signature(), imp.support());
        }
        out.printf("%nExports (%d)%n", i.exports().size());
        for (ModuleInfo.Export e : i.exports()) {
            out.printf("  %-48s %-9s %s%n", e.name(), e.kind(), e.signature());
        }
        out.printf(
                "%nHostcalls used (%d): %s%n",
                i.hostcallsUsed().size(), String.join(", ", i.hostcallsUsed()));
        out.printf(
                "Callbacks exported (%d): %s%n",
                i.callbacksExported().size(), String.join(", ", i.callbacksExported()));
        if (!i.warnings().isEmpty()) {
            out.printf("%nWarnings%n");
            for (String w : i.warnings()) {
                out.println("  ! " + w);
            }
        }
    }

    static ObjectNode toJson(ModuleInfo i) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", i.name());
        o.put("sha256", i.sha256());
        o.put("sizeBytes", i.sizeBytes());
        o.put("abiVersion", i.abiVersion());
        ArrayNode kinds = o.putArray("kinds");
        i.kinds().forEach(k -> kinds.add(k.wireName()));
        o.put("canBeAccessLogger", i.canBeAccessLogger());
        o.put("kindSummary", i.kindSummary());
        o.put("allocator", i.allocator());
        o.put("startFunction", i.startFunction());
        o.put("headersCallbackArity", i.headersCallbackArity());
        o.put("initialMemoryPages", i.initialMemoryPages());
        if (i.maximumMemoryPages() != null) {
            o.put("maximumMemoryPages", i.maximumMemoryPages());
        }
        ArrayNode imports = o.putArray("imports");
        for (ModuleInfo.Import imp : i.imports()) {
            imports.addObject()
                    .put("module", imp.module())
                    .put("name", imp.name())
                    .put("kind", imp.kind())
                    .put("signature", imp.signature())
                    .put("support", imp.support());
        }
        ArrayNode exports = o.putArray("exports");
        for (ModuleInfo.Export e : i.exports()) {
            exports.addObject()
                    .put("name", e.name())
                    .put("kind", e.kind())
                    .put("signature", e.signature());
        }
        o.set("hostcallsUsed", Json.MAPPER.valueToTree(i.hostcallsUsed()));
        o.set("callbacksExported", Json.MAPPER.valueToTree(i.callbacksExported()));
        o.set("warnings", Json.MAPPER.valueToTree(i.warnings()));
        return o;
    }
}
