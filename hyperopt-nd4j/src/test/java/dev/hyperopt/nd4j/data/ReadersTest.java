package dev.hyperopt.nd4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadersTest {
    @TempDir
    Path dir;

    private static byte[] images(int n, int rows, int cols, int pixelsWritten) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x803);
        out.writeInt(n);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < pixelsWritten; i++) out.writeByte(i % 256);
        return b.toByteArray();
    }

    private static byte[] labels(int... y) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x801);
        out.writeInt(y.length);
        for (int v : y) out.writeByte(v);
        return b.toByteArray();
    }

    private Path write(String name, byte[] data, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(data);
        }
        return p;
    }

    @Test
    void idxImagesAndLabelsAreReadGzippedOrPlain() throws IOException {
        Path img = write("small-images-idx3-ubyte.gz", images(3, 2, 2, 12), true);
        write("small-labels-idx1-ubyte.gz", labels(0, 2, 1), true);
        Dataset d = IdxReader.read(img, IdxReader.labelsFor(img), 0);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.height()).isEqualTo(2);
        assertThat(d.classes()).isEqualTo(3);
        assertThat(d.labels()).containsExactly(0, 2, 1);
        assertThat(d.features().getDouble(1, 3)).isEqualTo(7 / 255.0, org.assertj.core.api.Assertions.within(1e-6));

        Path plain = write("plain-images-idx3-ubyte", images(3, 2, 2, 12), false);
        write("plain-labels-idx1-ubyte", labels(0, 2, 1), false);
        assertThat(IdxReader.read(plain, IdxReader.labelsFor(plain), 0).features()).isEqualTo(d.features());
    }

    @Test
    void badIdxInputGetsOneClearMessage() throws IOException {
        Path truncated = write("t-images-idx3-ubyte", images(3, 2, 2, 10), false);
        Path lab = write("t-labels-idx1-ubyte", labels(0, 1, 1), false);
        assertThatThrownBy(() -> IdxReader.read(truncated, lab, 0)).isInstanceOf(DataException.class).hasMessageContaining("truncated");

        Path ok = write("ok-images-idx3-ubyte", images(3, 2, 2, 12), false);
        Path fewer = write("few-labels-idx1-ubyte", labels(0, 1), false);
        assertThatThrownBy(() -> IdxReader.read(ok, fewer, 0)).hasMessageContaining("2 labels for 3 images");

        Path outOfRange = write("oor-labels-idx1-ubyte", labels(0, 12, 1), false);
        assertThatThrownBy(() -> IdxReader.read(ok, outOfRange, 10)).hasMessageContaining("label 12").hasMessageContaining("out of range");

        Path empty = write("e-images-idx3-ubyte", images(0, 2, 2, 0), false);
        assertThatThrownBy(() -> IdxReader.read(empty, lab, 0)).hasMessageContaining("empty");

        Path badDims = write("d-images-idx3-ubyte", images(3, 0, 28, 0), false);
        assertThatThrownBy(() -> IdxReader.read(badDims, lab, 0)).hasMessageContaining("image dimensions 0x28");

        byte[] gz;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(b)) {
            out.write(images(3, 2, 2, 12));
        }
        gz = b.toByteArray();
        for (int i = 12; i < gz.length - 8; i++) gz[i] ^= 0x5a;
        Path corrupt = dir.resolve("c-images-idx3-ubyte.gz");
        Files.write(corrupt, gz);
        assertThatThrownBy(() -> IdxReader.read(corrupt, lab, 0)).isInstanceOf(DataException.class).hasMessageContaining("corrupt gzip");

        Path labelsAsImages = write("x-images-idx3-ubyte", labels(1, 2, 3), false);
        assertThatThrownBy(() -> IdxReader.read(labelsAsImages, lab, 0)).hasMessageContaining("not an IDX images file");
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("none-images-idx3-ubyte"), lab, 0)).hasMessageStartingWith("no such file");
    }

    @Test
    void csvWithHeaderAndNamedClasses() throws IOException {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "a,b,class\n1,2,yes\n3,4.5,no\n\n# comment\n5,6,yes\n", StandardCharsets.UTF_8);
        Dataset d = CsvReader.read(csv);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.dimension()).isEqualTo(2);
        assertThat(d.classes()).isEqualTo(2);
        assertThat(d.labels()).containsExactly(1, 0, 1);
        assertThat(d.features().getDouble(1, 1)).isEqualTo(4.5);
    }

    @Test
    void badCsvInputGetsOneClearMessage() throws IOException {
        Path ragged = dir.resolve("r.csv");
        Files.writeString(ragged, "1,2,0\n3,1\n");
        assertThatThrownBy(() -> CsvReader.read(ragged)).hasMessageContaining("r.csv:2: 2 columns, but the first row has 3");
        Path negative = dir.resolve("n.csv");
        Files.writeString(negative, "1,2,0\n3,4,-1\n");
        assertThatThrownBy(() -> CsvReader.read(negative)).hasMessageContaining("label -1").hasMessageContaining("out of range");
        Path text = dir.resolve("t.csv");
        Files.writeString(text, "1,2,0\n3,x,1\n");
        assertThatThrownBy(() -> CsvReader.read(text)).hasMessageContaining("t.csv:2: column 2: 'x' is not a finite number");
        Path empty = dir.resolve("e.csv");
        Files.writeString(empty, "a,b,c\n");
        assertThatThrownBy(() -> CsvReader.read(empty)).hasMessageContaining("empty");
    }

    @Test
    void arffWithNominalInputsAndClass() throws IOException {
        Path arff = dir.resolve("w.arff");
        Files.writeString(arff, """
                % weather
                @relation weather
                @attribute outlook {sunny, overcast, rainy}
                @attribute temperature numeric
                @attribute play {yes, no}
                @data
                sunny,85,no
                overcast,83,yes
                rainy,70,yes
                """);
        Dataset d = ArffReader.read(arff);
        assertThat(d.dimension()).isEqualTo(4);
        assertThat(d.classes()).isEqualTo(2);
        assertThat(d.labels()).containsExactly(1, 0, 0);
        assertThat(d.features().getRow(1).toFloatVector()).containsExactly(0f, 1f, 0f, 83f);

        Path numericClass = dir.resolve("n.arff");
        Files.writeString(numericClass, "@relation r\n@attribute a numeric\n@attribute c numeric\n@data\n1,2\n");
        assertThatThrownBy(() -> ArffReader.read(numericClass)).hasMessageContaining("must be nominal");
        Path unknownValue = dir.resolve("u.arff");
        Files.writeString(unknownValue, "@relation r\n@attribute a numeric\n@attribute c {x,y}\n@data\n1,z\n");
        assertThatThrownBy(() -> ArffReader.read(unknownValue)).hasMessageContaining("'z' is not a value of attribute 'c'");
    }

    @Test
    void splitsHaveTheAskedSizesAndRejectBadOnes() throws IOException {
        DataSplits s = DataSplits.open("rectangles", new DataSplits.Sizes(120, 30, 40), 4);
        assertThat(s.train().size()).isEqualTo(120);
        assertThat(s.valid().size()).isEqualTo(30);
        assertThat(s.test().size()).isEqualTo(40);
        assertThat(s.train().features()).isNotEqualTo(s.valid().features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 30)));

        Path csv = dir.resolve("ten.csv");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 10; i++) b.append(i).append(',').append(i % 2).append('\n');
        Files.writeString(csv, b.toString());
        DataSplits f = DataSplits.open(csv.toString(), DataSplits.Sizes.defaults(), 1);
        assertThat(new int[]{f.train().size(), f.valid().size(), f.test().size()}).containsExactly(6, 2, 2);
        int[] all = new int[10];
        for (Dataset d : new Dataset[]{f.train(), f.valid(), f.test()}) {
            for (float v : d.features().toFloatVector()) all[(int) v]++;
        }
        assertThat(all).as("each row in exactly one part").containsOnly(1);
        assertThatThrownBy(() -> DataSplits.open(csv.toString(), new DataSplits.Sizes(9, null, null), 1)).hasMessageContaining("too few");
        assertThatThrownBy(() -> DataSplits.open("nosuch.csv", DataSplits.Sizes.defaults(), 1)).hasMessageContaining("no such file or data set");
        assertThatThrownBy(() -> new DataSplits.Sizes(0, null, null)).hasMessageContaining("at least 1");

        Dataset small = Dataset.of(new float[][]{{0, 0, 0, 0}}, new int[]{0}, 2, 2, 2);
        Dataset other = Dataset.of(new float[][]{{0, 0, 0, 0}}, new int[]{0}, 2, 1, 4);
        assertThatThrownBy(() -> new DataSplits("x", small, small, other)).hasMessageContaining("1x4 images in one part but 2x2 images");
        assertThat(Arrays.stream(s.train().labels()).distinct().count()).isEqualTo(2);
    }
}
