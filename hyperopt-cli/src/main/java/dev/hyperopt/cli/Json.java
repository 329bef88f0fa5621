package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** The one JSON mapper the commands print with; Long stays an integer, Double a number. */
final class Json {
    private Json() {}

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
}
