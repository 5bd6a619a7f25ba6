package dev.trustgate.domain;

/**
 * What the mobile operator answered when asked whether a customer's SIM was swapped within the last
 * {@code maxAgeHours} hours (CAMARA SIM Swap {@code POST /check}): evidence a re-authentication records, since a
 * one-time code sent to a swapped SIM proves nothing about the customer.
 */
public record SimSwapCheck(int maxAgeHours, boolean swapped) {

    public SimSwapCheck {
        if (maxAgeHours < 1 || maxAgeHours > 2400) {
            throw new IllegalArgumentException("a SIM-swap check looks back 1 to 2400 hours");
        }
    }
}
