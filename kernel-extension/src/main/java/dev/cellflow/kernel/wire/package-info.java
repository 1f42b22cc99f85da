/**
 * The Jupyter wire as cellflow's kernel serves it: the protocol library's connection, with shell
 * and control channels that check each message (framing, signature, replay) before the library
 * reads it, so that a message the kernel cannot trust is dropped instead of ending the channel.
 */
package dev.cellflow.kernel.wire;
