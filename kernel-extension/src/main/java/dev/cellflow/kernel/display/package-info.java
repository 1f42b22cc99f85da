/** Rich (HTML) display of runs, steps, artifacts and Tablesaw tables in a notebook. */
package dev.cellflow.kernel.display;
