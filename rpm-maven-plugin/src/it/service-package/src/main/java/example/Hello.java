package example;

/** The service: greets, as configured. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello from hello-service");
    }
}
