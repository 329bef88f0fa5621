package dev.hyperopt.cli;

import dev.hyperopt.dashboard.Dashboard;
import dev.hyperopt.dashboard.ReadOnlyStores;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.TrialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code hyperopt dashboard --store URL [--port N]}: serves the studies of a store on
 * 127.0.0.1 until Ctrl-C, read-only, so that it can run next to the workers that write them.
 * The first line of standard output is the address, with the port actually taken.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = VersionProvider.class,
        description = {"Serve a live view of the studies of a store on this machine (127.0.0.1): the list of studies, each "
                + "study's report updating as trials finish, and studies compared side by side. The store is opened "
                + "read-only; stop the server with Ctrl-C."})
final class DashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "sqlite:hyperopt.db",
            description = "the store: sqlite:PATH or postgresql://[user@]host[:port]/db (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "the port on 127.0.0.1; 0 takes a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) throw new UserError("invalid value for --port: " + port + " (give 0 to 65535)");
        PrintWriter out = spec.commandLine().getOut();
        TrialStore trialStore;
        try {
            trialStore = ReadOnlyStores.open(store);
        } catch (StoreException e) {
            throw new UserError(UserError.describe(e));
        }
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(trialStore, port);
        } catch (IOException e) {
            trialStore.close();
            throw new UserError(e.getMessage());
        }
        // Ctrl-C: stop serving, then let go of the store; the command then returns.
        Thread stop = new Thread(() -> {
            dashboard.close();
            trialStore.close();
        }, "hyperopt-dashboard-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        out.println(dashboard.url());
        out.println("serving the studies of " + store + " (read-only); stop with Ctrl-C");
        out.flush();
        try {
            dashboard.join();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
                dashboard.close();
                trialStore.close();
            } catch (IllegalStateException shuttingDown) {
                // the hook is closing them
            }
        }
        return 0;
    }
}
