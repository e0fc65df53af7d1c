package org.gmmharness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** The version line, from the versions the build filtered into the jar. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/gmm-harness-versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"gmm-harness " + p.getProperty("gmm-harness", "unknown")};
    }
}
