/** A flow-like class in the default package. */
public record NoPackage(int a) implements java.io.Serializable {}
