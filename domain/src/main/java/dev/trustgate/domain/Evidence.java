package dev.trustgate.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person or system offered to justify a decision (how the customer was re-authenticated, a
 * ticket reference, the operator's name for display, the mobile operator's SIM-swap check). Recorded in the audit
 * trail, never trusted.
 */
public record Evidence(String method, String reference, String operator, String note, java.util.Optional<SimSwapCheck> simSwapCheck) {

    public static final Evidence NONE = new Evidence(null, null, null, null);

    /** Evidence a person offered, without a SIM-swap check. */
    public Evidence(String method, String reference, String operator, String note) {
        this(method, reference, operator, note, java.util.Optional.empty());
    }

    /** This evidence with the SIM-swap check {@code check} recorded. */
    public Evidence withSimSwapCheck(SimSwapCheck check) {
        return new Evidence(method, reference, operator, note, java.util.Optional.of(Validation.notNull("check", check)));
    }

    public Evidence {
        Validation.notNull("simSwapCheck", simSwapCheck);
        Validation.optionalText("method", method, 100);
        Validation.optionalText("reference", reference, 200);
        Validation.optionalText("operator", operator, 100);
        Validation.optionalText("evidence", note, 1000);
    }

    /** The evidence as ordered key/value pairs, absent ones left out. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (method != null) {
            map.put("method", method);
        }
        if (reference != null) {
            map.put("reference", reference);
        }
        if (operator != null) {
            map.put("operator", operator);
        }
        if (note != null) {
            map.put("evidence", note);
        }
        simSwapCheck.ifPresent(check -> {
            map.put("simSwapCheckHours", Integer.toString(check.maxAgeHours()));
            map.put("simSwappedWithinHours", Boolean.toString(check.swapped()));
        });
        return map;
    }
}
