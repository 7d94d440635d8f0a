package io.tocsin.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/** Renders a {@link TopologyDescription} as a Mermaid flowchart: topics, processors, stores. */
final class MermaidRenderer {

  private MermaidRenderer() {}

  static String render(String title, TopologyDescription description) {
    List<String> lines = new ArrayList<>();
    lines.add("# " + title);
    lines.add("");
    lines.add("Generated from `Topology#describe()` by `TopologyDocsTest`; do not edit by hand.");
    lines.add("");
    lines.add("```mermaid");
    lines.add("flowchart LR");
    Set<String> topics = new TreeSet<>();
    Set<String> stores = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      lines.add("  subgraph sub" + sub.id() + " [sub-topology " + sub.id() + "]");
      for (TopologyDescription.Node node : sub.nodes()) {
        lines.add("    " + id(node.name()) + "[\"" + node.name() + "\"]");
      }
      lines.add("  end");
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source) {
          for (String topic : source.topicSet()) {
            topics.add(topic);
            lines.add("  " + id("topic-" + topic) + " --> " + id(node.name()));
          }
        }
        if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
          topics.add(sink.topic());
          lines.add("  " + id(node.name()) + " --> " + id("topic-" + sink.topic()));
        }
        if (node instanceof TopologyDescription.Processor processor) {
          for (String store : processor.stores()) {
            stores.add(store);
            lines.add("  " + id(node.name()) + " -.- " + id("store-" + store));
          }
        }
        for (TopologyDescription.Node next : node.successors()) {
          lines.add("  " + id(node.name()) + " --> " + id(next.name()));
        }
      }
    }
    topics.forEach(t -> lines.add("  " + id("topic-" + t) + "[(\"" + t + "\")]"));
    stores.forEach(s -> lines.add("  " + id("store-" + s) + "[/\"" + s + "\"/]"));
    lines.add("```");
    return String.join("\n", lines) + "\n";
  }

  private static String id(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "_");
  }
}
