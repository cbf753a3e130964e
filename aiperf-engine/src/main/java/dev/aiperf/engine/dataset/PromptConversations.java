package dev.aiperf.engine.dataset;

import java.util.List;

/**
 * Single-turn conversations over a {@link PromptSource}: conversation {@code i} is the prompt of index {@code i},
 * outside any session. Never runs out.
 */
public final class PromptConversations implements ConversationSource {

    private final PromptSource prompts;
    private long next;

    public PromptConversations(PromptSource prompts) {
        this.prompts = prompts;
    }

    @Override
    public Conversation next() {
        return new Conversation(null, List.of(Turn.of(prompts.promptFor(next++))));
    }
}
