package io.voronka.bot;

/** A PNG chart to send as a photo. */
public record Chart(String fileName, byte[] png, String caption) {
}
