package com.example.untrusted;

/** A record of a package nothing trusts. */
public record Secret(String s) {}
