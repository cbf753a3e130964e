package dev.aiperf.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.recipe.SearchFlags;
import dev.aiperf.engine.recipe.SearchOptions;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.util.Arrays;
import java.util.List;

/**
 * Writes a {@link SearchRecipe} into a method's envelope through the engine's recipe flags, so the annotation and
 * {@code aiperf profile --search-recipe} build the same search and reject the same misuse.
 */
final class RecipeSearch {

    private RecipeSearch() {
    }

    /**
     * Replaces the envelope's (absent) {@code sweep:} with the recipe's adaptive search.
     *
     * @throws ExtensionConfigurationException when the recipe is misused (no SLA, unknown name, a YAML sweep) or
     *                                         is not an adaptive search
     */
    static void apply(SearchRecipe recipe, ObjectNode envelope, String where) {
        String what = where + ": @SearchRecipe(name = \"" + recipe.name() + "\")";
        try {
            SearchFlags.apply(options(recipe), null, envelope.has("sweep"), envelope);
        } catch (ConfigException e) {
            throw new ExtensionConfigurationException(what + " is invalid: " + e.getMessage()
                    + " (each --x-y-z flag named here is the attribute xYZ of @SearchRecipe)", e);
        }
        JsonNode sweep = envelope.path("sweep");
        if (!"adaptive_search".equals(sweep.path("type").asText(null))) {
            throw new ExtensionConfigurationException(what + " plans a fixed " + sweep.path("type").asText("?")
                    + " sweep, not an adaptive search; describe those cells with @Sweep instead");
        }
        if (recipe.maxIterations() != SearchRecipe.UNSET) {
            if (recipe.maxIterations() < 1) {
                throw new ExtensionConfigurationException(what + ": maxIterations must be at least 1; got "
                        + recipe.maxIterations());
            }
            ((ObjectNode) sweep).put("max_iterations", recipe.maxIterations());
        }
    }

    /** The annotation as the CLI's flags; {@code -1} and empty attributes stay unset. */
    static SearchOptions options(SearchRecipe r) {
        SearchOptions o = new SearchOptions();
        o.recipe = r.name();
        o.ttftSlaMs = real(r.ttftSlaMs());
        o.itlSlaMs = real(r.itlSlaMs());
        o.e2eSlaMs = real(r.e2eSlaMs());
        o.errorRateSla = real(r.errorRateSla());
        o.goodputAttainment = real(r.goodputAttainment());
        o.concurrencyMin = r.concurrencyMin() == SearchRecipe.UNSET ? null : r.concurrencyMin();
        o.concurrencyMax = r.concurrencyMax() == SearchRecipe.UNSET ? null : r.concurrencyMax();
        o.searchStyle = r.style().isBlank() ? null : r.style();
        List<String> sla = Arrays.stream(r.sla()).filter(s -> !s.isBlank()).toList();
        o.searchSla = sla.isEmpty() ? null : sla;
        return o;
    }

    private static Double real(double v) {
        return v == SearchRecipe.UNSET ? null : v;
    }
}
