package io.geyserindexer.simulator.server;

import io.geyserindexer.simulator.traffic.SlotContent;

/** Where the slots the server produces come from: the traffic model or a capture file. */
public interface SlotSource {

  boolean hasNext();

  SlotContent next();
}
