package io.gmnstream.embedded.registry.internal;

import io.gmnstream.embedded.registry.CompatibilityLevel;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

import java.util.ArrayList;
import java.util.List;

/** Applies a {@link CompatibilityLevel} with Avro's reader/writer compatibility rules. */
public final class CompatibilityChecker {
    private CompatibilityChecker() {
    }

    /**
     * Checks a candidate schema against earlier versions of a subject.
     *
     * @param earlier the subject's versions, oldest first; non-transitive levels only look at the last
     * @return one message per incompatibility found, empty when compatible
     */
    public static List<String> incompatibilities(CompatibilityLevel level, Schema candidate, List<Schema> earlier) {
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return List.of();
        }
        List<Schema> checked = level.transitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
        List<String> messages = new ArrayList<>();
        for (Schema old : checked) {
            if (level.newReadsOld()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old),
                        "new schema cannot read data written with an earlier one", messages);
            }
            if (level.oldReadsNew()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate),
                        "an earlier schema cannot read data written with the new one", messages);
            }
        }
        return messages;
    }

    /** Checks against one specific version only, in the directions the level requires. */
    public static List<String> incompatibilitiesWith(CompatibilityLevel level, Schema candidate, Schema version) {
        CompatibilityLevel direct = switch (level) {
            case BACKWARD_TRANSITIVE -> CompatibilityLevel.BACKWARD;
            case FORWARD_TRANSITIVE -> CompatibilityLevel.FORWARD;
            case FULL_TRANSITIVE -> CompatibilityLevel.FULL;
            default -> level;
        };
        return incompatibilities(direct, candidate, List.of(version));
    }

    private static void describe(SchemaPairCompatibility result, String direction, List<String> messages) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            messages.add(direction + ": {errorType:'" + incompatibility.getType() + "', description:'"
                    + incompatibility.getMessage() + "', location:'" + incompatibility.getLocation() + "'}");
        }
    }
}
