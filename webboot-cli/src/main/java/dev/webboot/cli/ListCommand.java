package dev.webboot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webboot.api.catalog.Catalog;
import dev.webboot.api.catalog.CatalogEntry;
import dev.webboot.fetch.Fetcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webboot list [--json]}: the distro catalog. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the distributions in the catalog.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Mixin
    NetOptions net;

    @Override
    public Integer call() throws Exception {
        Catalog catalog = net.catalog(new Fetcher(net.downloader()));
        ObjectMapper mapper = new ObjectMapper();
        for (CatalogEntry entry : catalog.entries()) {
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", entry.id());
                line.put("name", entry.name());
                line.put("version", entry.version());
                line.put("url", entry.url().toString());
                line.put("family", entry.family());
                line.put("verification", entry.verification());
                line.put("arch", entry.arch());
                line.put("minPmemBytes", entry.minPmemBytes());
                line.put("fingerprints", entry.fingerprints());
                line.put("checked", entry.checked());
                spec.commandLine().getOut().println(mapper.writeValueAsString(line));
            } else {
                spec.commandLine()
                        .getOut()
                        .println(String.format(
                                java.util.Locale.ROOT,
                                "%-14s %-14s %-8s %s",
                                entry.id(),
                                entry.version(),
                                entry.verification(),
                                entry.name()));
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
