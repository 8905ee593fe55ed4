package org.hls.query.history;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.hls.events.Visibility;
import org.hls.events.experiment.Ending;
import org.hls.events.experiment.Outcome;
import org.hls.events.learning.LearningKind;
import org.hls.events.learning.Perspective;
import org.hls.query.history.Fact.Amplification;
import org.hls.query.history.Fact.Learning;
import org.hls.query.history.Fact.Proposal;
import org.hls.query.history.Fact.Retraction;
import org.hls.query.history.Fact.Presentation;
import org.hls.query.history.Fact.SetActivity;
import org.hls.query.history.Fact.Sharing;
import org.hls.query.history.Fact.Step;
import org.hls.query.history.Fact.StepKind;
import org.hls.query.history.Fact.Withdrawal;

/**
 * Facts as compressed bytes, for checkpoints: a type, the event's partition, position and recording time, then the
 * fact's own fields in a fixed order. Enums travel by name, so that adding a value never changes an old checkpoint.
 */
final class FactCodec {

    // 1 was learning without its author: only checkpoints of format 1 hold it, and they are no longer read.
    private static final int AMPLIFICATION = 2;
    private static final int RETRACTION = 3;
    private static final int PROPOSAL = 4;
    private static final int STEP = 5;
    private static final int SET_ACTIVITY = 6;
    private static final int WITHDRAWAL = 7;
    /** Learning with its author ({@link HistoryCheckpoints#FORMAT} 2). */
    private static final int LEARNING_BY = 8;
    /** A problem presented ({@link HistoryCheckpoints#FORMAT} 5). */
    private static final int PRESENTATION = 9;
    /** An experiment shared more widely ({@link HistoryCheckpoints#FORMAT} 6). */
    private static final int SHARING = 10;

    private static final int BUFFER = 1 << 16;

    private FactCodec() {
    }

    static byte[] encode(List<Fact> facts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // Fast rather than small, and buffered: the deflater is costly when handed a few bytes at a time.
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new DeflaterOutputStream(bytes, deflater), BUFFER))) {
            out.writeInt(facts.size());
            for (Fact fact : facts) {
                write(out, fact);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    static List<Fact> decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(
                new ByteArrayInputStream(encoded)), BUFFER))) {
            int count = in.readInt();
            if (count < 0) {
                throw new IllegalStateException("A segment of " + count + " facts");
            }
            // Grown as read, never sized by the count: a damaged count is an error of reading, not out of memory.
            List<Fact> facts = new ArrayList<>(Math.min(count, 4096));
            for (int i = 0; i < count; i++) {
                facts.add(read(in));
            }
            return facts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, Fact fact) throws IOException {
        if (fact instanceof Learning learning) {
            header(out, LEARNING_BY, fact);
            out.writeUTF(learning.learningId());
            out.writeUTF(learning.kind().name());
            out.writeUTF(learning.perspective().name());
            out.writeUTF(learning.visibility().name());
            where(out, learning.where());
            strings(out, learning.themes());
            text(out, learning.experimentId());
            out.writeLong(learning.occurredAt());
            text(out, learning.authorId());
        } else if (fact instanceof Amplification amplification) {
            header(out, AMPLIFICATION, fact);
            out.writeUTF(amplification.learningId());
            out.writeUTF(amplification.visibility().name());
        } else if (fact instanceof Retraction retraction) {
            header(out, RETRACTION, fact);
            out.writeUTF(retraction.learningId());
        } else if (fact instanceof Proposal proposal) {
            header(out, PROPOSAL, fact);
            out.writeUTF(proposal.experimentId());
            out.writeUTF(proposal.visibility().name());
            where(out, proposal.where());
            strings(out, proposal.themes());
            out.writeLong(proposal.occurredAt());
            text(out, proposal.proposerId());
        } else if (fact instanceof Sharing sharing) {
            header(out, SHARING, fact);
            out.writeUTF(sharing.experimentId());
            out.writeUTF(sharing.visibility().name());
        } else if (fact instanceof Step step) {
            header(out, STEP, fact);
            out.writeUTF(step.experimentId());
            out.writeUTF(step.step().name());
            out.writeLong(step.occurredAt());
            text(out, step.outcome() == null ? null : step.outcome().name());
            text(out, step.ending() == null ? null : step.ending().name());
        } else if (fact instanceof SetActivity activity) {
            header(out, SET_ACTIVITY, fact);
            out.writeUTF(activity.activity().name());
            where(out, activity.where());
            out.writeByte(activity.score());
            out.writeLong(activity.occurredAt());
            text(out, activity.actionId());
        } else if (fact instanceof Withdrawal withdrawal) {
            header(out, WITHDRAWAL, fact);
            out.writeUTF(withdrawal.personId());
        } else if (fact instanceof Presentation presentation) {
            header(out, PRESENTATION, fact);
            out.writeUTF(presentation.session());
        } else {
            throw new IllegalArgumentException("Not kept in checkpoints: " + fact);
        }
    }

    private static Fact read(DataInputStream in) throws IOException {
        int type = in.readByte();
        int partition = in.readInt();
        long position = in.readLong();
        long knownAt = in.readLong();
        return switch (type) {
            case LEARNING_BY -> new Learning(partition, position, knownAt, in.readUTF(),
                    LearningKind.valueOf(in.readUTF()), Perspective.valueOf(in.readUTF()),
                    Visibility.valueOf(in.readUTF()), where(in), strings(in), text(in), in.readLong(), text(in));
            case AMPLIFICATION -> new Amplification(partition, position, knownAt, in.readUTF(),
                    Visibility.valueOf(in.readUTF()));
            case RETRACTION -> new Retraction(partition, position, knownAt, in.readUTF());
            case PROPOSAL -> new Proposal(partition, position, knownAt, in.readUTF(), Visibility.valueOf(in.readUTF()),
                    where(in), strings(in), in.readLong(), text(in));
            case SHARING -> new Sharing(partition, position, knownAt, in.readUTF(), Visibility.valueOf(in.readUTF()));
            case STEP -> {
                String experimentId = in.readUTF();
                StepKind step = StepKind.valueOf(in.readUTF());
                long occurredAt = in.readLong();
                String outcome = text(in);
                String ending = text(in);
                yield new Step(partition, position, knownAt, experimentId, step, occurredAt,
                        outcome == null ? null : Outcome.valueOf(outcome),
                        ending == null ? null : Ending.valueOf(ending));
            }
            case SET_ACTIVITY -> new SetActivity(partition, position, knownAt, Activity.valueOf(in.readUTF()),
                    where(in), in.readByte(), in.readLong(), text(in));
            case WITHDRAWAL -> new Withdrawal(partition, position, knownAt, in.readUTF());
            case PRESENTATION -> new Presentation(partition, position, knownAt, in.readUTF());
            default -> throw new IOException("Unknown fact type " + type);
        };
    }

    private static void header(DataOutputStream out, int type, Fact fact) throws IOException {
        out.writeByte(type);
        out.writeInt(fact.partition());
        out.writeLong(fact.position());
        out.writeLong(fact.knownAt());
    }

    private static void where(DataOutputStream out, Where where) throws IOException {
        text(out, where.place());
        text(out, where.organisation());
        text(out, where.team());
    }

    private static Where where(DataInputStream in) throws IOException {
        return new Where(text(in), text(in), text(in));
    }

    private static void strings(DataOutputStream out, List<String> values) throws IOException {
        out.writeShort(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int count = in.readShort();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readUTF());
        }
        return values;
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String text(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
