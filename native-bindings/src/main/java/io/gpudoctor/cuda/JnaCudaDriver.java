package io.gpudoctor.cuda;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.gpudoctor.locate.LibraryLoadException;
import io.gpudoctor.nvml.ComputeCapability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@link CudaDriver} over one {@code libcuda.so} file, loaded by its absolute path so that the
 * library the locator chose is the one that answers, whatever {@code LD_LIBRARY_PATH} says.
 * Two instances over two different files (a host's 535 driver and a container's bundled 470 one)
 * live side by side in one process, each calling its own library.
 */
public final class JnaCudaDriver implements CudaDriver {

    /**
     * {@code RTLD_LAZY} without {@code RTLD_GLOBAL} (JNA's default adds it): a library loaded
     * globally would lend its {@code cu*} symbols to the next libcuda's own relocations, and the
     * second driver would partly run the first one's code.
     */
    private static final int RTLD_LAZY_LOCAL = 0x1;

    private static final Map<String, Object> OPTIONS = Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_LOCAL);

    /** Checked at load time so that a file that is not a CUDA driver fails there, not at the first call. */
    private static final List<String> REQUIRED_SYMBOLS = List.of(
            "cuInit", "cuDriverGetVersion", "cuDeviceGetCount", "cuDeviceGet", "cuDeviceGetName",
            "cuDeviceGetAttribute", "cuDeviceTotalMem_v2", "cuGetErrorName");

    /** What the driver itself answers for a bad argument; used when it reports success yet hands back no name. */
    private static final CuResult INVALID_VALUE = new CuResult(1);

    /** Device names are at most 256 bytes including the NUL, as nvidia-smi and the CUDA samples assume. */
    private static final int NAME_BUFFER = 256;

    private final Path libraryFile;
    private final CudaDriverLibrary cuda;

    private JnaCudaDriver(Path libraryFile, CudaDriverLibrary cuda) {
        this.libraryFile = libraryFile;
        this.cuda = cuda;
    }

    /**
     * Loads exactly this file. Loading neither initialises CUDA nor touches a device.
     *
     * @throws LibraryLoadException when the file is missing, cannot be loaded, or lacks a CUDA driver symbol
     */
    public static JnaCudaDriver load(Path libraryFile) throws LibraryLoadException {
        // A name without a slash would make dlopen search the library path instead.
        Path file = libraryFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new LibraryLoadException(file, "no such file", null);
        }
        try {
            NativeLibrary library = NativeLibrary.getInstance(file.toString(), OPTIONS);
            for (String symbol : REQUIRED_SYMBOLS) {
                library.getFunction(symbol);
            }
            return new JnaCudaDriver(file, Native.load(file.toString(), CudaDriverLibrary.class, OPTIONS));
        } catch (UnsatisfiedLinkError e) {
            throw new LibraryLoadException(file, String.valueOf(e.getMessage()), e);
        }
    }

    /** The file this driver was loaded from (absolute). */
    public Path libraryFile() {
        return libraryFile;
    }

    @Override
    public CuResult init() {
        return new CuResult(cuda.cuInit(0));
    }

    @Override
    public int driverVersion() {
        IntByReference version = new IntByReference();
        check("cuDriverGetVersion", cuda.cuDriverGetVersion(version));
        return version.getValue();
    }

    @Override
    public int deviceCount() {
        IntByReference count = new IntByReference();
        check("cuDeviceGetCount", cuda.cuDeviceGetCount(count));
        return count.getValue();
    }

    @Override
    public String deviceName(int ordinal) {
        byte[] name = new byte[NAME_BUFFER];
        check("cuDeviceGetName", cuda.cuDeviceGetName(name, name.length, device(ordinal)));
        int length = 0;
        while (length < name.length && name[length] != 0) {
            length++;
        }
        return new String(name, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public ComputeCapability computeCapability(int ordinal) {
        int device = device(ordinal);
        return new ComputeCapability(
                attribute(CudaDriverLibrary.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device),
                attribute(CudaDriverLibrary.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device));
    }

    @Override
    public long totalMemoryBytes(int ordinal) {
        LongByReference bytes = new LongByReference();
        check("cuDeviceTotalMem_v2", cuda.cuDeviceTotalMem_v2(bytes, device(ordinal)));
        return bytes.getValue();
    }

    @Override
    public String errorName(CuResult result) {
        PointerByReference name = new PointerByReference();
        check("cuGetErrorName", cuda.cuGetErrorName(result.code(), name));
        Pointer value = name.getValue();
        if (value == null) {
            throw new CudaException("cuGetErrorName", INVALID_VALUE);
        }
        return value.getString(0, StandardCharsets.UTF_8.name());
    }

    @Override
    public String toString() {
        return "JnaCudaDriver[" + libraryFile + "]";
    }

    private int device(int ordinal) {
        IntByReference device = new IntByReference();
        check("cuDeviceGet", cuda.cuDeviceGet(device, ordinal));
        return device.getValue();
    }

    private int attribute(int attribute, int device) {
        IntByReference value = new IntByReference();
        check("cuDeviceGetAttribute", cuda.cuDeviceGetAttribute(value, attribute, device));
        return value.getValue();
    }

    private static void check(String call, int code) {
        if (code != 0) {
            throw new CudaException(call, new CuResult(code));
        }
    }
}
