package org.shimwatch.web.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = LoginController.class)
class LoginControllerTests {

  @Autowired MockMvc mvc;

  @Test
  void theSignInFormPostsToTheSecurityFilter() throws Exception {
    String body =
        mvc.perform(get("/login"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(body)
        .contains("action=\"/login\"")
        .contains("name=\"username\"")
        .contains("name=\"password\"")
        .contains("type=\"password\"")
        .doesNotContain("Sign out");
  }
}
