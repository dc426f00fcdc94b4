/** The parameter graph as an Avro record on gmn.graphs: packing and unpacking of its arrays. */
package io.gmnstream.schemas.graph;
