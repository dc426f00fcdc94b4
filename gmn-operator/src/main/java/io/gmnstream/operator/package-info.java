/** The Graph Metanetwork operator: consumes gmn.graphs, scores on the best DJL device, produces gmn.scores. */
package io.gmnstream.operator;
