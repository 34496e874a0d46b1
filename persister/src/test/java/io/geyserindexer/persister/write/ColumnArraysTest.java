package io.geyserindexer.persister.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColumnArraysTest {

  @Test
  void typedArraysMapToTheirPostgresElementType() {
    assertThat(ColumnArrays.typeOf(new String[0])).isEqualTo("text");
    assertThat(ColumnArrays.typeOf(new Long[0])).isEqualTo("int8");
    assertThat(ColumnArrays.typeOf(new Integer[0])).isEqualTo("int4");
    assertThat(ColumnArrays.typeOf(new Boolean[0])).isEqualTo("bool");
    assertThat(ColumnArrays.typeOf(new byte[0][])).isEqualTo("bytea");
  }

  @Test
  void untypedArraysAreRefusedBecauseTheyWouldBindAsTextLiterals() {
    assertThatThrownBy(() -> ColumnArrays.typeOf(new Object[] {"a"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not Object[]");
  }
}
