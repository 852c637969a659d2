/**
 * Simulated agents for load tests: the {@code simulate} command (paced, plausible gauges)
 * and the flood the ingest benchmark and end-to-end tests push (as fast as acks allow,
 * unique values). They use the real agent's gRPC client, so they must be enrolled agents.
 */
package io.secumon.agent.simulate;
