package dev.cellflow.batch.diagnosis;

import java.util.Map;

/**
 * Approximate sizes of EC2 instance types from their names ({@code m5.2xlarge}: 8 vCPUs, 32 GiB),
 * enough to tell a job that can never fit from one that waits for capacity, without asking EC2.
 * Memory per vCPU follows the family's letter (c 2 GiB, m 4, r 8, x 16); a name it cannot read
 * gives null, which the diagnosis treats as "may fit".
 */
final class InstanceSizes {
  private static final Map<Character, Integer> GIB_PER_VCPU = Map.of('c', 2, 'm', 4, 'r', 8,
      'x', 16, 'z', 8, 'p', 8, 'g', 4, 't', 2);

  private InstanceSizes() {}

  /** {vCPUs, MiB} of {@code type}, or null when not known. */
  static int[] of(String type) {
    int dot = type.indexOf('.');
    if (dot <= 0 || !GIB_PER_VCPU.containsKey(type.charAt(0))) {
      return null;
    }
    String size = type.substring(dot + 1);
    int vcpus;
    if (size.equals("medium") || size.equals("large")) {
      vcpus = 2;
    } else if (size.equals("xlarge")) {
      vcpus = 4;
    } else if (size.endsWith("xlarge")) {
      try {
        vcpus = 4 * Integer.parseInt(size.substring(0, size.length() - "xlarge".length()));
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null; // metal, nano, micro, small: rare in Batch; not guessed
    }
    int mib = vcpus * GIB_PER_VCPU.get(type.charAt(0)) * 1024;
    if (size.equals("medium")) {
      mib /= 2;
    }
    return new int[] {vcpus, mib};
  }

  /** Whether the family has GPUs (p, g). */
  static boolean gpu(String type) {
    return !type.isEmpty() && (type.charAt(0) == 'p' || type.charAt(0) == 'g');
  }
}
