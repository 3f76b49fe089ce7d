package org.shimwatch.web.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = CollectController.class)
class CollectControllerTests {

  @Autowired MockMvc mvc;
  @MockitoBean CollectedFieldsQuery contract;

  @Test
  void listsEveryFieldUnderTheLevelThatFirstSendsIt() throws Exception {
    given(contract.schemaVersion()).willReturn(1);
    given(contract.fields())
        .willReturn(
            List.of(
                new CollectedField(0, "/reportId", "string", "random id of the report"),
                new CollectedField(1, "/environment/stack/version", "string", "stack version"),
                new CollectedField(2, "/metrics/calls/select/latency", "object", "histogram"),
                new CollectedField(
                    3, "/traps[]/frames[]", "array", "call stack <b>with</b> \"modules\"")));

    String body =
        mvc.perform(get("/collect"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(body)
        .contains("/reportId", "/environment/stack/version", "/metrics/calls/select/latency")
        .contains("Level 1: environment", "Level 2: metrics", "Level 3: diagnostics");
    assertThat(body.indexOf("/environment/stack/version"))
        .isBetween(body.indexOf("Level 1: environment"), body.indexOf("Level 2: metrics"));
    assertThat(body.indexOf("/traps[]/frames[]")).isGreaterThan(body.indexOf("Level 3"));
    assertThat(body).contains("call stack &lt;b&gt;with&lt;/b&gt;").doesNotContain("<b>with</b>");
  }
}
