/** Test support shared by every module's tests (the api test jar). */
package dev.cellflow.testing;
