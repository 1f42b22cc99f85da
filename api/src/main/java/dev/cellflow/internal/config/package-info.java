/**
 * Settings: command-line flags over CELLFLOW_* environment variables over the JSON config file over defaults.
 */
package dev.cellflow.internal.config;
