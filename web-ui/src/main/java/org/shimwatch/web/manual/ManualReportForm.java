package org.shimwatch.web.manual;

/**
 * What a person enters in the manual report form. A plain bean because the form binds to it field
 * by field; every value is checked by {@link ManualReportService}, never trusted here.
 */
public class ManualReportForm {

  private String outcome;
  private String clientName;
  private String clientVersion;
  private String shimVersion;
  private String pythonVersion;
  private String chooseStackLevel;
  private String chooseOsVersion;
  private String chooseRuntimeVersion;
  private String comment;
  private String pasted;
  private boolean includeDiagnostics;

  /** Honeypot: hidden from people, filled in by form-spamming robots. */
  private String website;

  public String getOutcome() {
    return outcome;
  }

  public void setOutcome(String outcome) {
    this.outcome = outcome;
  }

  public String getClientName() {
    return clientName;
  }

  public void setClientName(String clientName) {
    this.clientName = clientName;
  }

  public String getClientVersion() {
    return clientVersion;
  }

  public void setClientVersion(String clientVersion) {
    this.clientVersion = clientVersion;
  }

  public String getShimVersion() {
    return shimVersion;
  }

  public void setShimVersion(String shimVersion) {
    this.shimVersion = shimVersion;
  }

  public String getComment() {
    return comment;
  }

  public void setComment(String comment) {
    this.comment = comment;
  }

  public String getPasted() {
    return pasted;
  }

  public void setPasted(String pasted) {
    this.pasted = pasted;
  }

  public boolean isIncludeDiagnostics() {
    return includeDiagnostics;
  }

  public void setIncludeDiagnostics(boolean includeDiagnostics) {
    this.includeDiagnostics = includeDiagnostics;
  }

  public String getWebsite() {
    return website;
  }

  public void setWebsite(String website) {
    this.website = website;
  }

  public String getPythonVersion() {
    return pythonVersion;
  }

  public void setPythonVersion(String pythonVersion) {
    this.pythonVersion = pythonVersion;
  }

  public String getChooseStackLevel() {
    return chooseStackLevel;
  }

  public void setChooseStackLevel(String chooseStackLevel) {
    this.chooseStackLevel = chooseStackLevel;
  }

  public String getChooseOsVersion() {
    return chooseOsVersion;
  }

  public void setChooseOsVersion(String chooseOsVersion) {
    this.chooseOsVersion = chooseOsVersion;
  }

  public String getChooseRuntimeVersion() {
    return chooseRuntimeVersion;
  }

  public void setChooseRuntimeVersion(String chooseRuntimeVersion) {
    this.chooseRuntimeVersion = chooseRuntimeVersion;
  }
}
