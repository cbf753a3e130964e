package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.AIPerfConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The audit file {@code sampling_design.json} of a Sobol or Latin-hypercube sweep, written into the sweep aggregate
 * directory: {@code {type, samples, seed, scramble, dimensions, samples_mapped}} (plus {@code optimization} for
 * Latin hypercubes). {@code samples_mapped} holds, per variation in index order, the value of each dimension as
 * actually run (not a fresh redraw).
 */
public final class SamplingDesign {
    /** The file name AIPerf uses. */
    public static final String FILE_NAME = "sampling_design.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SamplingDesign() {
    }

    /** The JSON document; {@code sweep} must be a {@link SobolSweep} or {@link LatinHypercubeSweep}. */
    public static ObjectNode toJson(AIPerfConfig cfg, SweepConfig sweep, List<Variation> variations) {
        List<SamplingDimension> dims;
        int samples;
        Long seed;
        boolean scramble;
        ObjectNode root = MAPPER.createObjectNode();
        if (sweep instanceof SobolSweep s) {
            dims = s.dimensions();
            samples = s.samples();
            seed = s.seed();
            scramble = s.scramble();
        } else if (sweep instanceof LatinHypercubeSweep s) {
            dims = s.dimensions();
            samples = s.samples();
            seed = s.seed();
            scramble = s.scramble();
        } else {
            throw new IllegalArgumentException("sampling_design.json is written for sobol and latin_hypercube sweeps,"
                    + " not " + sweep.typeName());
        }
        root.put("type", sweep.typeName());
        root.put("samples", samples);
        root.put("seed", SweepExpander.designSeed(cfg, seed));
        root.put("scramble", scramble);
        if (sweep instanceof LatinHypercubeSweep s) {
            root.put("optimization", s.optimization());
        }
        ArrayNode dimsJson = root.putArray("dimensions");
        for (SamplingDimension d : dims) {
            ObjectNode o = dimsJson.addObject();
            o.put("path", d.path());
            if (d.choices() != null) {
                ArrayNode c = o.putArray("choices");
                d.choices().forEach(c::add);
            } else {
                o.put("lo", d.lo());
                o.put("hi", d.hi());
                o.put("scale", d.scale().name().toLowerCase(Locale.ROOT));
                o.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
            }
        }
        ArrayNode mapped = root.putArray("samples_mapped");
        for (Variation v : variations) {
            ArrayNode row = mapped.addArray();
            for (JsonNode value : v.values().values()) {
                row.add(value);
            }
        }
        return root;
    }

    /** Writes {@code <dir>/sampling_design.json}, creating {@code dir}; returns the file. */
    public static Path write(Path dir, AIPerfConfig cfg, SweepConfig sweep, List<Variation> variations) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_NAME);
            MAPPER.writeValue(file.toFile(), toJson(cfg, sweep, variations));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }
}
