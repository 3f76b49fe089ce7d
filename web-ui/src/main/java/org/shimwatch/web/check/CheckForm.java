package org.shimwatch.web.check;

/**
 * What a visitor enters on the check page. A plain bean because the form binds to it field by
 * field; every value is checked by {@link CheckQuery}, never trusted here.
 */
public class CheckForm {

  private String pasted;
  private String platform;
  private String stack;
  private String fixes;
  private String client;
  private String clientVersion;

  public String getPasted() {
    return pasted;
  }

  public void setPasted(String pasted) {
    this.pasted = pasted;
  }

  public String getPlatform() {
    return platform;
  }

  public void setPlatform(String platform) {
    this.platform = platform;
  }

  public String getStack() {
    return stack;
  }

  public void setStack(String stack) {
    this.stack = stack;
  }

  public String getFixes() {
    return fixes;
  }

  public void setFixes(String fixes) {
    this.fixes = fixes;
  }

  public String getClient() {
    return client;
  }

  public void setClient(String client) {
    this.client = client;
  }

  public String getClientVersion() {
    return clientVersion;
  }

  public void setClientVersion(String clientVersion) {
    this.clientVersion = clientVersion;
  }

  CheckInput input() {
    return new CheckInput(pasted, platform, stack, fixes, client, clientVersion, null);
  }

  boolean isEmpty() {
    return input().isEmpty();
  }
}
