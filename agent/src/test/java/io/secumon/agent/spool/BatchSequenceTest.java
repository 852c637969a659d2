package io.secumon.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSequenceTest {

    @TempDir
    Path dir;

    @Test
    void next_startsAtOneAndContinuesWhereTheLastProcessStopped() throws IOException {
        BatchSequence first = BatchSequence.open(dir);
        assertThat(first.last()).isZero();
        assertThat(first.next()).isEqualTo(1);
        assertThat(first.next()).isEqualTo(2);

        BatchSequence reopened = BatchSequence.open(dir);

        assertThat(reopened.last()).isEqualTo(2);
        assertThat(reopened.next()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve(BatchSequence.FILE))).isEqualTo("3");
    }

    @Test
    void open_anUnreadableFileStartsAgainAtOne() throws IOException {
        Files.writeString(dir.resolve(BatchSequence.FILE), "garbage");

        assertThat(BatchSequence.open(dir).next()).isEqualTo(1);
    }

    @Test
    void theSequenceFile_isNotMistakenForASpooledBatch() throws IOException {
        BatchSequence.open(dir).next();
        Files.writeString(dir.resolve(BatchSequence.FILE + ".tmp"), "7"); // a crash mid-write

        Spool spool = Spool.open(dir, Spool.Limits.defaults());

        assertThat(spool.size()).isZero();
        assertThat(BatchSequence.open(dir).next()).isEqualTo(2);
        assertThat(dir.resolve(BatchSequence.FILE + ".tmp")).doesNotExist();
    }
}
