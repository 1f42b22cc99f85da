/**
 * API: cards, text, Markdown, tables and images a step attaches to its task ({@code
 * Current.get().card()}), stored beside the task's result ({@code cards.json}) and read back
 * through the Client API ({@code Task.cards()}) and the run report.
 */
package dev.cellflow.card;
