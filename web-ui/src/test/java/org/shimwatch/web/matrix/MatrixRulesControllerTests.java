package org.shimwatch.web.matrix;

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

@WebMvcTest(controllers = MatrixRulesController.class)
class MatrixRulesControllerTests {

  @Autowired MockMvc mvc;
  @MockitoBean MatrixRulesQuery rules;

  @Test
  void everyRuleIsALineOfTheOneTable() throws Exception {
    given(rules.rules())
        .willReturn(
            List.of(
                new MatrixRule("tier", "works", "at least 80% <b>"),
                new MatrixRule("row grouping", "Linux: stack", "kernel series")));
    String html =
        mvc.perform(get("/matrix/rules"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html)
        .contains("How the matrix is built")
        .contains("<th scope=\"row\">works</th>")
        .contains("at least 80% &lt;b&gt;")
        .contains("<td>row grouping</td>")
        .contains("kernel series");
  }
}
