package dev.hyperopt.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version Maven built, from the jar's manifest. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = HyperoptCommand.class.getPackage().getImplementationVersion();
        return new String[] {"hyperopt " + (v == null ? "(development build)" : v)};
    }
}
