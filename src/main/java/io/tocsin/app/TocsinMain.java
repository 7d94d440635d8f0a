package io.tocsin.app;

/** Entry point placeholder while dependencies resolve. */
public final class TocsinMain {
  public static void main(String[] args) {}
}
