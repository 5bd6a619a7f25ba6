/**
 * In-memory implementations of every output port, published as the {@code trustgate-application} test-jar for the
 * tests of trustgate's services and adapters and of products that embed trustgate. {@link
 * dev.trustgate.application.fakes.InMemoryTrustgate} builds every use case over them; {@link
 * dev.trustgate.application.fakes.InMemoryTransactions} keeps the rules of a storage adapter's transactions (one at
 * a time, a nested one refused, a failure undone in every store); {@link
 * dev.trustgate.application.fakes.FakeWhatsAppGateway} records sends with their pins; {@link
 * dev.trustgate.application.fakes.MutableClock} is the time a test sets.
 */
package dev.trustgate.application.fakes;
