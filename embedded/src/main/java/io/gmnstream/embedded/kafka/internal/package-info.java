/** Storage formatting, server properties and port picking behind the embedded broker; not API. */
package io.gmnstream.embedded.kafka.internal;
