package io.github.eiaoutages.extract;

/** EIA answered 200 with a body that is not the expected JSON (a proxy page, a cut-off body): worth a retry. */
public class EiaMalformedResponseException extends EiaResponseException {

    public EiaMalformedResponseException(String message) {
        super(message);
    }
}
