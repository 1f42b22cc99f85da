/**
 * Notebooks and JShell scripts made into flow classes: each step cell becomes a step method,
 * each top-level variable a field (an artifact), compiled by javac to real classes so that
 * lambdas, records and methods defined in cells work in any task process. JShell serves as the
 * compiler that knows a notebook's rules; no cell runs while exporting.
 */
package dev.cellflow.export;
