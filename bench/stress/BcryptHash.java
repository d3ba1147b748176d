import at.favre.lib.crypto.bcrypt.BCrypt;

/**
 * Prints the bcrypt hash of a password, for bench/stress-auth.sh's web config: the same library the
 * daemon checks hashes with, so no htpasswd is needed. Run on the daemon's jar:
 * {@code java -cp agent/target/gpu-doctor.jar bench/stress/BcryptHash.java PASSWORD COST}
 */
public class BcryptHash {
    public static void main(String[] args) {
        System.out.println(BCrypt.withDefaults().hashToString(Integer.parseInt(args[1]), args[0].toCharArray()));
    }
}
