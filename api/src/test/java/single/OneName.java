package single;

/** A class in a package of one name, as a flow's might be. */
public final class OneName {
  private OneName() {}
}
