package org.gmmharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.gmmharness.em.CovarianceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plot}: a PNG of a 2-feature model's density; anything else is refused before writing. */
class PlotCommandTest {

    @TempDir
    Path dir;

    private Path twoFeatureModel() throws IOException {
        double[][] x = ModelFixtures.columns(CliRun.irisX(), 2, 3);
        return ModelFixtures.write(ModelFixtures.fit(x, 3, CovarianceType.FULL), x, dir.resolve("iris2d.json"));
    }

    @Test
    void writesAPngOfTheDensity() throws IOException {
        Path model = twoFeatureModel();
        Path png = dir.resolve("density.png");
        CliRun r = CliRun.run("plot", "--model", model.toString(), "--input", CliRun.IRIS_LABELED.toString(),
                "--columns", "petal_length,petal_width", "--out", png.toString());
        assertEquals(0, r.exit, r.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a readable PNG");
        assertEquals(900, image.getWidth());
        assertEquals(700, image.getHeight());
        assertEquals(List.of("density.png", "iris2d.json"), CliRun.files(dir));
    }

    @Test
    void twoColumnFileNeedsNoColumns() throws IOException {
        Path model = twoFeatureModel();
        Path data = dir.resolve("petals.csv");
        StringBuilder csv = new StringBuilder("petal_length,petal_width\n");
        for (double[] row : ModelFixtures.columns(CliRun.irisX(), 2, 3)) {
            csv.append(row[0]).append(',').append(row[1]).append('\n');
        }
        java.nio.file.Files.writeString(data, csv);
        CliRun r = CliRun.run("plot", "--model", model.toString(), "--input", data.toString(), "--out",
                dir.resolve("d.png").toString());
        assertEquals(0, r.exit, r.toString());
    }

    @Test
    void readsTheDataWithTheSharedCsvOptions() throws IOException {
        Path model = twoFeatureModel();
        Path data = dir.resolve("petals.csv");
        StringBuilder csv = new StringBuilder();
        for (double[] row : ModelFixtures.columns(CliRun.irisX(), 2, 3)) {
            csv.append(row[0]).append(';').append(row[1]).append(";x\n");
        }
        java.nio.file.Files.writeString(data, csv);
        String png = dir.resolve("d.png").toString();
        CliRun r = CliRun.run("plot", "--model", model.toString(), "--input", data.toString(), "--columns", "0,1",
                "--out", png);
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.contains("the file looks semicolon-separated: pass --delimiter ';'"), r.err);
        r = CliRun.run("plot", "--model", model.toString(), "--input", data.toString(), "--columns", "0,1",
                "--delimiter", ";", "--no-header", "--out", png);
        assertEquals(0, r.exit, r.toString());
        assertNotNull(ImageIO.read(new java.io.File(png)), "a readable PNG");
    }

    @Test
    void refusesWhatItCannotDraw() throws IOException {
        Path model2 = twoFeatureModel();
        double[][] x = CliRun.irisX();
        Path model4 = ModelFixtures.write(ModelFixtures.fit(x, 3, CovarianceType.DIAG), x, dir.resolve("iris4d.json"));
        String png = dir.resolve("out.png").toString();
        String input = CliRun.IRIS.toString();
        String[][] cases = {
            {"--model", model4.toString(), "--input", input, "--out", png},
            {"--model", model2.toString(), "--input", input, "--columns", "0,1,2", "--out", png},
            {"--model", model2.toString(), "--input", input, "--out", png},
            {"--model", model2.toString(), "--input", input, "--columns", "2,3", "--out",
                dir.resolve("out.jpg").toString()},
            {"--model", model2.toString(), "--input", input, "--columns", "2,petals", "--out", png},
        };
        String[] messages = {"has 4 features, but plot draws a 2-feature model", "exactly 2 columns",
            "gives 4 column(s)", "--out must name a .png file", "unknown column 'petals'"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 1];
            args[0] = "plot";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            CliRun r = CliRun.run(args);
            assertEquals(2, r.exit, r.toString());
            assertTrue(r.err.contains(messages[i]), messages[i] + " in " + r.err);
        }
        assertFalse(java.nio.file.Files.exists(Path.of(png)));
        assertEquals(List.of("iris2d.json", "iris4d.json"), CliRun.files(dir));
    }
}
