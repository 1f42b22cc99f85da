package dev.cellflow.export;

/**
 * One code cell of a notebook, or one part of a JShell script.
 *
 * @param number where it is, counted from 1 among the code cells (a script's parts are counted
 *     the same way), for messages that name it
 * @param source its text, magic lines included
 */
public record Cell(int number, String source) {}
