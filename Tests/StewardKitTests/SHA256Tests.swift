import XCTest
@testable import StewardKit

/// FIPS 180-4 / NIST vectors and block-boundary cases for the hand-written SHA-256.
final class SHA256Tests: XCTestCase {
    private func hex(_ text: String) -> String { SHA256.hex(Array(text.utf8)) }

    func testNISTShortVectors() {
        XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256.hex(message), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testIncrementalUnevenChunksMatchOneShot() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let chunkSizes = [1, 63, 64, 65, 7, 0, 128, 1000, 3, 55, 56, 4096, 17]
        var hasher = SHA256()
        var offset = 0
        var step = 0
        while offset < message.count {
            let size = min(chunkSizes[step % chunkSizes.count], message.count - offset)
            hasher.update(Array(message[offset..<offset + size]))
            offset += size
            step += 1
        }
        let digest = hasher.finalize()
        XCTAssertEqual(digest, SHA256.digest(message))
        XCTAssertEqual(digest.count, 32)
        XCTAssertEqual(digest.prefix(4), [0xcd, 0xc7, 0x6e, 0x5c])
    }

    func testRawBufferOverloadAndResetAfterFinalize() {
        var hasher = SHA256()
        let bytes = Array("abc".utf8)
        bytes.withUnsafeBytes { hasher.update($0) }
        XCTAssertEqual(hasher.finalize(), SHA256.digest(bytes))
        // finalize() leaves a fresh hasher behind.
        XCTAssertEqual(hasher.finalize(), SHA256.digest([]))
    }

    /// Lengths around the padding boundary (55 fits the length in one block, 56 does not),
    /// checked against `sha256sum` output.
    func testPaddingBoundaryLengths() {
        let expected: [Int: String] = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            65: "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
        ]
        for (length, digest) in expected {
            let message = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            XCTAssertEqual(SHA256.hex(message), digest, "length \(length)")
            // Same message fed byte by byte.
            var hasher = SHA256()
            for byte in message { hasher.update([byte]) }
            XCTAssertEqual(hasher.finalize(), SHA256.digest(message), "length \(length), byte by byte")
        }
    }

    /// Bytes 0, 1, 2, … (non-ASCII included) at the boundary lengths, from `sha256sum`.
    func testPaddingBoundaryLengthsBinary() {
        let expected: [Int: String] = [
            55: "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59",
            56: "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562",
            63: "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488",
            64: "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108",
            65: "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781",
        ]
        for (length, digest) in expected {
            let message = (0..<length).map { UInt8($0) }
            XCTAssertEqual(SHA256.hex(message), digest, "length \(length)")
        }
    }
}
