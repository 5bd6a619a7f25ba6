package dev.trustgate.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The spellings of one phone number that WhatsApp treats as one user (DESIGN §4 "Aliases of one phone
 * number"). WhatsApp ids of accounts registered before a country changed its numbering keep the old form,
 * so a business typing today's number and WhatsApp reporting the old one name the same person:
 * <ul>
 *   <li>Brazil ({@code 55}): mobiles gained a ninth digit. {@code 55 AA 9 XXXXXXXX} ≡ {@code 55 AA XXXXXXXX} when the
 *       eight-digit number is a mobile one (starts with 6–9); landlines (2–5) never had the ninth digit.</li>
 *   <li>Mexico ({@code 52}): mobiles dropped the {@code 1} after the country code: {@code 52 1 NNNNNNNNNN} ≡
 *       {@code 52 NNNNNNNNNN}.</li>
 *   <li>Argentina ({@code 54}): mobiles are dialled with a {@code 9} after the country code:
 *       {@code 54 9 NNNNNNNNNN} ≡ {@code 54 NNNNNNNNNN}.</li>
 * </ul>
 * Aliases are used to match a number against the names trustgate knows; a number is never rewritten.
 */
public final class PhoneAliases {

    private PhoneAliases() {
    }

    /** {@code number} and every other spelling of it, {@code number} first. */
    public static List<WaId> of(WaId number) {
        String n = number.value();
        Set<String> all = new LinkedHashSet<>();
        all.add(n);
        brazil(n, all);
        withOptionalDigit(n, "52", '1', "[2-9][0-9]{9}", all);
        withOptionalDigit(n, "54", '9', "[1-8][0-9]{9}", all);
        return all.stream().map(WaId::new).toList();
    }

    /** Whether {@code a} and {@code b} name the same WhatsApp user by their spelling alone. */
    public static boolean same(WaId a, WaId b) {
        return of(a).contains(b);
    }

    private static void brazil(String n, Set<String> all) {
        if (!n.startsWith("55")) {
            return;
        }
        String rest = n.substring(2);
        // area code: two digits 1-9; mobile subscriber: 9 + eight digits starting 6-9, or those eight digits alone
        if (rest.matches("[1-9]{2}9[6-9][0-9]{7}")) {
            all.add("55" + rest.substring(0, 2) + rest.substring(3));
        } else if (rest.matches("[1-9]{2}[6-9][0-9]{7}")) {
            all.add("55" + rest.substring(0, 2) + "9" + rest.substring(2));
        }
    }

    private static void withOptionalDigit(String n, String country, char digit, String national, Set<String> all) {
        if (!n.startsWith(country)) {
            return;
        }
        String rest = n.substring(country.length());
        if (rest.length() == 11 && rest.charAt(0) == digit && rest.substring(1).matches(national)) {
            all.add(country + rest.substring(1));
        } else if (rest.matches(national)) {
            all.add(country + digit + rest);
        }
    }
}
